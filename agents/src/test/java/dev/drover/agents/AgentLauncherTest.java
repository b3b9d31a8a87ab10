package dev.drover.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentLauncherTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(AgentLauncher.NETTY_ALLOCATOR);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(AgentLauncher.NETTY_ALLOCATOR);
        } else {
            System.setProperty(AgentLauncher.NETTY_ALLOCATOR, before);
        }
    }

    @Test
    void picksNettysPooledAllocatorWhenNoneIsChosen() {
        // given
        System.clearProperty(AgentLauncher.NETTY_ALLOCATOR);
        // when
        AgentLauncher.choosePooledAllocator();
        // then
        assertThat(System.getProperty(AgentLauncher.NETTY_ALLOCATOR)).isEqualTo("pooled");
    }

    @Test
    void keepsTheOperatorsChoice() {
        // given
        System.setProperty(AgentLauncher.NETTY_ALLOCATOR, "adaptive");
        // when
        AgentLauncher.choosePooledAllocator();
        // then
        assertThat(System.getProperty(AgentLauncher.NETTY_ALLOCATOR)).isEqualTo("adaptive");
    }
}
